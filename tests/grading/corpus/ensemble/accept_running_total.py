# expect: pass
def ensemble_predict(models, x):
    total = 0
    for model in models:
        total = total + model(x)
    return total / len(models)
