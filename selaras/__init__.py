"""Selaras."""
