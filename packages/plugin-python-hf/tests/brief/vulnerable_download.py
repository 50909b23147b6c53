# VULNERABLE: No verification
import requests

model_url = "https://random-site.com/model.bin"
response = requests.get(model_url)
with open("model.bin", "wb") as f:
    f.write(response.content)  # No checksum!
