"""Ensemble that adds the outputs instead of averaging them."""

VARIANT = {
    "concept": "0113",
    "en": "your ensemble adds the models' outputs instead of averaging them, so its scale grows with the number of models. Divide by the number of models (np.mean(outputs, axis=0)).",
    "ko": '앙상블이 모델 출력의 평균 대신 합을 냅니다. 그래서 모델이 많을수록 값이 커집니다. 모델 수로 나누세요(np.mean(outputs, axis=0)).',
}

import numpy as np


def ensemble_predict(models, x):
    """The element-wise mean of model(x) over the models."""
    outputs = [model(x) for model in models]
    return np.sum(outputs, axis=0)
