"""Raqam's benchmarks: quality and speed against peers on real Persian news.

``uv run --group bench python -m bench`` runs them all and refreshes the
tables in BENCHMARKS.md; each also runs alone as ``python -m bench.<name>``:
``seed``, ``numbers``, ``peyma``, ``leads``, ``rouge``, ``speed``.
"""
