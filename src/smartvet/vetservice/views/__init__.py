"""Pages of veterinary socialized services, one module per subject."""
