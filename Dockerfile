FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-nanum libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --upgrade pip && pip install --no-cache-dir -r requirements.txt
COPY . .

RUN useradd --create-home studio && mkdir -p /srv/webtoon && chown studio /srv/webtoon
USER studio
EXPOSE 8000
CMD ["gunicorn", "webtoon.wsgi:application", "--bind", "0.0.0.0:8000"]
