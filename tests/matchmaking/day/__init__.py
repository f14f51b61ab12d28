"""Tests of the conference day: check-in, attendance, outcomes, the funnel."""
