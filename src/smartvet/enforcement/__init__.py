"""Enforcement and the rest of the chain: carriers' dealers, violation cases, harmless disposal
with insurance claims, purification farms and whole-village sourcing, the vaccine cold chain."""
