"""The organisation's view of why people leave (read through :mod:`spiegel.analysis.queries`: ``insights``,
``department_reasons``, ``completion``, ``theme_quotes``).

- :mod:`.filters`: which leavers a view covers; :mod:`.partition`: how a view is widened to a union of fixed
  groups of at least k leavers;
- :mod:`.tally`: the grouped counts behind every figure and how they add up;
- :mod:`.publish`: the counts behind the minimum group size with complementary suppression;
- :mod:`.advice`: facts, emerging topics, quotes, playbook actions and the cost of turnover;
- :mod:`.departments`: the department × reason table and the completion rate;
- :mod:`.figures`: the published structures.
"""
