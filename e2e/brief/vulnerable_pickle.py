# VULNERABLE: Pickle can execute arbitrary code
import pickle

with open("model.pkl", "rb") as f:
    model = pickle.load(f)  # Could run malicious code!
