"""Ensemble that returns only the last model's output."""

VARIANT = {
    "concept": "0113",
    "en": "your ensemble returns only one model's output (the loop keeps overwriting the result). Collect every model's output and average them.",
    "ko": '앙상블이 한 모델의 출력만 돌려줍니다(반복문이 결과를 계속 덮어씁니다). 모든 모델의 출력을 모아 평균을 내세요.',
}

import numpy as np


def ensemble_predict(models, x):
    """The element-wise mean of model(x) over the models."""
    for model in models:
        y = model(x)
    return y
