"""HTTP entry point: the FastAPI app factory, request dependencies and the error shape."""
