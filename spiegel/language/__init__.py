"""Django-free text processing for Spiegel (Dutch and English): shared by the interview engine and the analysis."""
