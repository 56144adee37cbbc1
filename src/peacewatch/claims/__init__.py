"""Check-worthiness: the shipped scorer (`model`), its features (`features`, `embed`), training and CLI."""
