print("tikscore")
