"""Review workflow: approve, reject, correct and un-approve claims; auto-approval per source."""
