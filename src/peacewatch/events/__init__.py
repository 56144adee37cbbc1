"""Events beyond the extractor: the gold-data readers, the sentence classifier (learned layer), training and CLI."""
