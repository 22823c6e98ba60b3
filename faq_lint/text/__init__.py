"""Text utilities shared by checks: sentences, words, readability formulas."""
