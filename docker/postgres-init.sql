-- One database per service: each owns its schema and Flyway history.
CREATE DATABASE sentiric_user;
CREATE DATABASE sentiric_dialplan;
CREATE DATABASE sentiric_cdr;
