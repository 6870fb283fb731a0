# Quotecheck web / worker / beat image (one image, three commands in docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 DJANGO_ENV=production
WORKDIR /app

RUN useradd --create-home --uid 1000 quotecheck
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# collectstatic needs settings to import; a throwaway key is enough at build time.
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

USER quotecheck
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "factcheck.wsgi:application"]
