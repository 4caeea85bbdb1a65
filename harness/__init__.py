"""The interviewer's yardstick: simulated leavers, a fixed-questionnaire baseline and metrics.

Django-free on purpose: the benchmark runs the engine in-process or talks to a running server over HTTP,
and it must never share lexicons or templates with the engine it measures.
"""
