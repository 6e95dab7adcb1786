"""Ensemble that averages over every axis and returns one number."""

VARIANT = {
    "concept": "0113",
    "en": 'your ensemble averages over every axis (np.mean(outputs)) and returns a single number. Average over the models only — axis 0 of the stacked outputs — so each sample keeps its own prediction.',
    "ko": '앙상블이 모든 축에 대해 평균을 내서(np.mean(outputs)) 숫자 하나를 돌려줍니다. 모델 축(쌓은 출력의 0번 축)으로만 평균을 내야 샘플마다 자기 예측이 남습니다.',
}

import numpy as np


def ensemble_predict(models, x):
    """The element-wise mean of model(x) over the models."""
    outputs = [model(x) for model in models]
    return np.mean(outputs)
