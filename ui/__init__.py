"""The Qt desktop front end. Calls ``placement`` services only."""
