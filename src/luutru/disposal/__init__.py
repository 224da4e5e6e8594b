"""Issue 14: retention schedules, appraisal, holds, destruction."""
