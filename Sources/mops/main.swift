print("mops")
