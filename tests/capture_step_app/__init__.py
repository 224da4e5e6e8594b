"""A step added to capture's chain from outside capture, by configuration only
(``CAPTURE_STEPS``), as a later app (bundle grouping) will add its own."""
