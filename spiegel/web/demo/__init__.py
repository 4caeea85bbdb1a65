"""Demo data: made-up leavers of one industry per demo organisation, answering the real interviewer."""
