"""Facts: articles → officials, meetings, trade figures and passages, each row with its article and quote."""
