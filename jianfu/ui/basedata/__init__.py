"""Base data screens: villages/communities and departments."""
