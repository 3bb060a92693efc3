"""Enforcement's services, one module per subject."""
