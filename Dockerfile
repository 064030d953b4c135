# The graphx app; docker-compose.yml wires it to the official Neo4j image via NEO4J_URI.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY graphx graphx
COPY dashboards dashboards
COPY cypher cypher
COPY neo4j-local neo4j-local
# the runtime dependencies only, at the versions the tests ran with (the lock as constraints)
RUN pip install --no-cache-dir --constraint requirements.lock . && useradd --create-home graphx
USER graphx
ENV GRAPHX_HOME=/home/graphx/data
EXPOSE 8050
CMD ["graphx", "serve", "--host", "0.0.0.0", "--port", "8050"]
