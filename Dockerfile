# Production image: gunicorn serving the app; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json Makefile ./
COPY static ./static
RUN npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed \
    && apt-get update -qq && apt-get install -y -qq --no-install-recommends make >/dev/null \
    && make static/vendor/.installed NPM_STAMP=node_modules/.installed

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0 VAR_DIR=/var/lib/inspection
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b libthai0 fonts-thai-tlwg gettext curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 app && mkdir -p /var/lib/inspection && chown app /var/lib/inspection
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY core ./core
COPY offices ./offices
COPY factories ./factories
COPY inspections ./inspections
COPY policy ./policy
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /src/static/vendor ./static/vendor
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput -v0
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
