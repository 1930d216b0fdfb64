"""Data in and out of ritmo: CSV parsing, CRM presets, dedupe keys and export writers."""
