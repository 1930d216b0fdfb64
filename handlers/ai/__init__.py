"""The optional model reading: the schema asked for, its validation, and the confirm cards."""
