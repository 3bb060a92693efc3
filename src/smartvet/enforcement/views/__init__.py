"""Enforcement's views, one module per subject."""
