"""Pages of the factory register, one module per part."""
