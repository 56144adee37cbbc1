"""Training peacewatch's learned components (`peacewatch train …`); needs the `train` extra (scikit-learn)."""
