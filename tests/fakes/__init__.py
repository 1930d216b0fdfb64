"""Local fake servers that stand in for chat platforms in end-to-end tests."""
