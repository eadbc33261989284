"""zaam.training: configs, corpus tools, training and evaluation."""
