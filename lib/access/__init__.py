"""Access to a hosted dashboard: the optional shared password and the slowdown of wrong guesses."""
