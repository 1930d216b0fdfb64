# ritmo in a container: `docker build -t ritmo .`, then see compose.yaml and README "Deploying".
# The install is deploy/install.sh, the script tests/packaging/test_clean_install.py runs in a
# clean venv: the image gets exactly what that test proved installs and runs.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY deploy/install.sh deploy/install.sh
COPY bot bot
COPY handlers handlers
COPY cadence_jobs cadence_jobs
COPY storage storage
RUN sh deploy/install.sh /src /opt/ritmo

FROM python:3.11-slim
# fonts-dejavu-core: the digest chart's font (Pillow's own has no accents: "Prospecção").
RUN apt-get update \
    && apt-get install --yes --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin ritmo \
    && mkdir /data \
    && chown ritmo:ritmo /data
COPY --from=build /opt/ritmo /opt/ritmo
# The store lives in the /data volume. 0.0.0.0: inside a container, 127.0.0.1 (the default)
# would refuse the webhooks and health checks that arrive through the published port.
ENV PATH=/opt/ritmo/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    RITMO_DB=/data/ritmo.db \
    RITMO_HTTP_HOST=0.0.0.0 \
    RITMO_HTTP_PORT=8080
USER ritmo
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('RITMO_HTTP_PORT', '8080') + '/healthz', timeout=4)"]
# SIGTERM (docker stop) lets ritmo finish what is in flight; give it the grace it needs.
STOPSIGNAL SIGTERM
ENTRYPOINT ["ritmo"]
CMD ["run"]
