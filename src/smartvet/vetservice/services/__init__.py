"""Every write of veterinary socialized services, one module per subject."""
