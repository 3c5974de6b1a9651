-- Tongban distributed mode: the application role and database.
-- Idempotent. Run through setup.sh, or directly as a superuser:
--   psql -X -v password='…' -f infra/postgres/setup.sql
-- An existing role gets its password reset to :'password'.
\set ON_ERROR_STOP on

\if :{?password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'setup.sql: pass the tongban role password with psql -v password=...'; END $$;
\endif

SELECT format('CREATE ROLE tongban LOGIN PASSWORD %L', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tongban')
\gexec

SELECT format('ALTER ROLE tongban WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'password')
\gexec

SELECT 'CREATE DATABASE tongban OWNER tongban ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'tongban')
\gexec

ALTER DATABASE tongban OWNER TO tongban;
-- Only the owner (and superusers) may connect.
REVOKE ALL ON DATABASE tongban FROM PUBLIC;
-- The engine stores instants as timestamptz; sessions see county time.
ALTER DATABASE tongban SET timezone TO 'Asia/Shanghai';
