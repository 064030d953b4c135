"""Pure builders of figures and elements from library results (no database, no callbacks)."""
