"""The organisation's view of why people leave, in four steps (read by :func:`spiegel.analysis.queries.insights`).

- :mod:`.filters`: which leavers a view covers;
- :mod:`.tally`: the grouped counts behind every figure and how they add up;
- :mod:`.publish`: the counts behind the minimum group size with complementary suppression;
- :mod:`.advice`: facts, emerging topics, quotes, playbook actions and the cost of turnover;
- :mod:`.figures`: the published structures.
"""
