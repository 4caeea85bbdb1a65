"""Test support: builders that call the real actions, and a local fake of an OpenAI-protocol model server.

Not product code: nothing in spiegel/ imports it (an import-linter contract keeps it so).
"""
