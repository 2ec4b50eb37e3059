"""Rule families, one module each; see selaras.checks.builtin for the list Selaras ships."""
