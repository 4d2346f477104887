"""The learned reading: a sentence encoder and small heads trained on its vectors."""
