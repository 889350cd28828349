import VIOSSource
print("vios")
