print("margin-guard")
