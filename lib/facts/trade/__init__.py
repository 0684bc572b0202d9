"""Trade: sentences about Kazakhstan–Kyrgyzstan turnover → figures and targets with their periods."""
