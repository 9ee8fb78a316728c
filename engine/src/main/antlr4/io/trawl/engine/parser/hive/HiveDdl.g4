/*
 * The Hive DDL that Athena accepts and Trino's grammar lacks: CREATE EXTERNAL TABLE with ROW FORMAT /
 * STORED AS / LOCATION / TBLPROPERTIES, CREATE and DROP DATABASE, SHOW DATABASES, Hive-style SHOW TABLES
 * patterns, DESCRIBE FORMATTED, SHOW CREATE TABLE, MSCK REPAIR TABLE, ALTER TABLE ... ADD/DROP PARTITION,
 * SET LOCATION, SET TBLPROPERTIES, ADD/REPLACE COLUMNS and SHOW PARTITIONS, and Athena's UNLOAD, whose query
 * (any balanced run of tokens between its parentheses) is handed to Trino's grammar. Clause order and string
 * escapes follow Hive (https://cwiki.apache.org/confluence/display/Hive/LanguageManual+DDL) as Athena
 * documents it (https://docs.aws.amazon.com/athena/latest/ug/create-table.html).
 */
grammar HiveDdl;

options { caseInsensitive = true; }

singleStatement
    : statement EOF
    ;

statement
    : CREATE EXTERNAL? TABLE (IF NOT EXISTS)? qualifiedName
        ('(' columnDefinition (',' columnDefinition)* ')')?
        (COMMENT tableComment=string)?
        (PARTITIONED BY '(' partitionColumn+=columnDefinition (',' partitionColumn+=columnDefinition)* ')')?
        rowFormat?
        storageFormat?
        (LOCATION location=string)?
        (TBLPROPERTIES tableProperties=properties)?                              #createTable
    | CREATE (DATABASE | SCHEMA) (IF NOT EXISTS)? identifier
        (COMMENT comment=string)?
        (LOCATION location=string)?
        (WITH DBPROPERTIES databaseProperties=properties)?                      #createDatabase
    | DROP (DATABASE | SCHEMA) (IF EXISTS)? identifier (RESTRICT | CASCADE)?   #dropDatabase
    | DROP TABLE (IF EXISTS)? qualifiedName PURGE?                             #dropTable
    | SHOW (DATABASES | SCHEMAS) (LIKE? pattern=string)?                       #showDatabases
    | SHOW TABLES ((IN | FROM) identifier)? (LIKE? pattern=string)?            #showTables
    | (DESCRIBE | DESC) (FORMATTED | EXTENDED)? qualifiedName                  #describeTable
    | SHOW CREATE TABLE qualifiedName                                          #showCreateTable
    | MSCK REPAIR TABLE qualifiedName                                          #repairTable
    | ALTER TABLE qualifiedName ADD (IF NOT EXISTS)? partitionLocation+        #addPartitions
    | ALTER TABLE qualifiedName DROP (IF EXISTS)? partitionSpec (',' partitionSpec)*   #dropPartitions
    | ALTER TABLE qualifiedName partitionSpec? SET LOCATION location=string   #setLocation
    | ALTER TABLE qualifiedName SET TBLPROPERTIES properties                  #setTableProperties
    | ALTER TABLE qualifiedName (ADD | REPLACE) COLUMNS
        '(' columnDefinition (',' columnDefinition)* ')'                       #changeColumns
    | SHOW PARTITIONS qualifiedName                                            #showPartitions
    | UNLOAD unloadQuery TO location=string
        (WITH unloadProperties)?                                               #unload
    | CREATE ROW FILTER name=identifier ON TABLE? qualifiedName
        (COLUMNS '(' columns+=identifier (',' columns+=identifier)* ')')?
        WHERE rowPredicate                                                     #createRowFilter
    | DROP ROW FILTER (IF EXISTS)? name=identifier ON TABLE? qualifiedName    #dropRowFilter
    | SHOW ROW FILTERS (ON TABLE? qualifiedName)?                              #showRowFilters
    | GRANT SELECT ON ROW FILTER name=identifier ON TABLE? qualifiedName
        TO grantees+=grantee (',' grantees+=grantee)*                          #grantRowFilter
    | REVOKE SELECT ON ROW FILTER name=identifier ON TABLE? qualifiedName
        FROM grantees+=grantee (',' grantees+=grantee)*                        #revokeRowFilter
    | CREATE kind=(USER | GROUP) identifier                                    #createPrincipal
    | DROP kind=(USER | GROUP) (IF EXISTS)? identifier                         #dropPrincipal
    | ALTER GROUP group=identifier (ADD | DROP) USER
        users+=identifier (',' users+=identifier)*                             #alterGroup
    | GRANT grantPrivileges ON grantObject TO grantee (WITH GRANT OPTION)?     #grant
    | REVOKE grantPrivileges ON grantObject FROM grantee                       #revoke
    | GRANT ROLE? roles+=identifier (',' roles+=identifier)*
        TO grantees+=grantee (',' grantees+=grantee)*                          #grantRoles
    | REVOKE ROLE? roles+=identifier (',' roles+=identifier)*
        FROM grantees+=grantee (',' grantees+=grantee)*                        #revokeRoles
    ;

// Redshift's and Trino's GRANT with what Trino's grammar lacks: column lists, groups, ALL TABLES IN SCHEMA.
grantPrivileges
    : ALL PRIVILEGES?
    | privileges+=privilegeName (',' privileges+=privilegeName)*
    | privileges+=privilegeName '(' columns+=identifier (',' columns+=identifier)* ')'
    ;

privilegeName
    : identifier | CREATE | DROP
    ;

grantObject
    : (SCHEMA | DATABASE) identifier                                           #schemaObject
    | ALL TABLES IN SCHEMA identifier                                          #allTablesObject
    | TABLE? qualifiedName                                                     #tableObject
    ;

grantee
    : kind=(USER | GROUP | ROLE)? identifier
    ;

// The query is Trino's: here only its extent, a balanced run of tokens in parentheses, matters. The closing
// parenthesis is matched in this rule, so ending the query needs one token of lookahead.
unloadQuery
    : '(' unloadQueryToken* ')'
    ;

unloadQueryToken
    : ~('(' | ')')
    | '(' unloadQueryToken* ')'
    ;

// A row filter's predicate is Trino's expression, to the end of the statement; here only its extent matters.
rowPredicate
    : unloadQueryToken+
    ;

// Trino-shaped properties, as Athena's UNLOAD takes them: format = 'PARQUET', partitioned_by = ARRAY['c'].
unloadProperties
    : '(' unloadProperty (',' unloadProperty)* ')'
    ;

unloadProperty
    : identifier '=' unloadValue
    ;

unloadValue
    : string                                                                   #stringValue
    | INTEGER_VALUE                                                            #integerValue
    | ARRAY '[' (string (',' string)*)? ']'                                    #arrayValue
    ;

partitionLocation
    : partitionSpec (LOCATION location=string)?
    ;

partitionSpec
    : PARTITION '(' partitionValue (',' partitionValue)* ')'
    ;

partitionValue
    : identifier '=' (string | number=INTEGER_VALUE | negative='-' number=INTEGER_VALUE)
    ;

columnDefinition
    : identifier columnType (COMMENT comment=string)?
    ;

columnType
    : ARRAY '<' columnType '>'
    | MAP '<' columnType ',' columnType '>'
    | STRUCT '<' structField (',' structField)* '>'
    | identifier ('(' INTEGER_VALUE (',' INTEGER_VALUE)? ')')?
    ;

structField
    : identifier ':' columnType
    ;

rowFormat
    : ROW FORMAT DELIMITED
        (FIELDS TERMINATED BY fieldsTerminatedBy=string)?
        (ESCAPED BY escapedBy=string)?
        (COLLECTION ITEMS TERMINATED BY collectionItemsTerminatedBy=string)?
        (MAP KEYS TERMINATED BY mapKeysTerminatedBy=string)?
        (LINES TERMINATED BY linesTerminatedBy=string)?
        (NULL DEFINED AS nullDefinedAs=string)?                                #delimitedRowFormat
    | ROW FORMAT SERDE serde=string (WITH SERDEPROPERTIES properties)?         #serdeRowFormat
    ;

storageFormat
    : STORED AS INPUTFORMAT inputFormat=string OUTPUTFORMAT outputFormat=string  #inputOutputStorageFormat
    | STORED AS identifier                                                       #namedStorageFormat
    ;

properties
    : '(' property (',' property)* ')'
    ;

property
    : key=string '=' value=string
    ;

qualifiedName
    : identifier ('.' identifier)?
    ;

identifier
    : IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

string
    : STRING
    ;

// Keywords that may still name a column, table or schema without backquotes.
nonReserved
    : ARRAY | CASCADE | COLLECTION | COMMENT | DATABASE | DATABASES | DBPROPERTIES | DEFINED | DELIMITED
    | ESCAPED | EXTENDED | EXTERNAL | FIELDS | FORMAT | FORMATTED | INPUTFORMAT | ITEMS | KEYS | LINES
    | LOCATION | MAP | MSCK | OUTPUTFORMAT | PARTITIONED | PURGE | REPAIR | RESTRICT | SCHEMA | SCHEMAS
    | SERDE | SERDEPROPERTIES | STORED | STRUCT | TBLPROPERTIES | TERMINATED
    | ADD | ALTER | COLUMNS | PARTITION | PARTITIONS | REPLACE | SET | TO | UNLOAD
    | ALL | GRANT | GROUP | ON | OPTION | PRIVILEGES | REVOKE | ROLE | USER | FILTER | FILTERS | SELECT
    ;

ADD: 'ADD';
ALTER: 'ALTER';
ARRAY: 'ARRAY';
AS: 'AS';
BY: 'BY';
CASCADE: 'CASCADE';
COLLECTION: 'COLLECTION';
COLUMNS: 'COLUMNS';
COMMENT: 'COMMENT';
CREATE: 'CREATE';
DATABASE: 'DATABASE';
DATABASES: 'DATABASES';
DBPROPERTIES: 'DBPROPERTIES';
DEFINED: 'DEFINED';
DELIMITED: 'DELIMITED';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DROP: 'DROP';
ESCAPED: 'ESCAPED';
EXISTS: 'EXISTS';
EXTENDED: 'EXTENDED';
EXTERNAL: 'EXTERNAL';
FIELDS: 'FIELDS';
FORMAT: 'FORMAT';
FORMATTED: 'FORMATTED';
FROM: 'FROM';
IF: 'IF';
IN: 'IN';
INPUTFORMAT: 'INPUTFORMAT';
ITEMS: 'ITEMS';
KEYS: 'KEYS';
LIKE: 'LIKE';
LINES: 'LINES';
LOCATION: 'LOCATION';
MAP: 'MAP';
MSCK: 'MSCK';
NOT: 'NOT';
NULL: 'NULL';
OUTPUTFORMAT: 'OUTPUTFORMAT';
PARTITION: 'PARTITION';
PARTITIONED: 'PARTITIONED';
PARTITIONS: 'PARTITIONS';
PURGE: 'PURGE';
REPAIR: 'REPAIR';
REPLACE: 'REPLACE';
RESTRICT: 'RESTRICT';
ROW: 'ROW';
SCHEMA: 'SCHEMA';
SCHEMAS: 'SCHEMAS';
SERDE: 'SERDE';
SERDEPROPERTIES: 'SERDEPROPERTIES';
SET: 'SET';
SHOW: 'SHOW';
STORED: 'STORED';
STRUCT: 'STRUCT';
TABLE: 'TABLE';
TABLES: 'TABLES';
TBLPROPERTIES: 'TBLPROPERTIES';
TERMINATED: 'TERMINATED';
TO: 'TO';
ALL: 'ALL';
GRANT: 'GRANT';
FILTER: 'FILTER';
FILTERS: 'FILTERS';
SELECT: 'SELECT';
WHERE: 'WHERE';
GROUP: 'GROUP';
ON: 'ON';
OPTION: 'OPTION';
PRIVILEGES: 'PRIVILEGES';
REVOKE: 'REVOKE';
ROLE: 'ROLE';
USER: 'USER';
UNLOAD: 'UNLOAD';
WITH: 'WITH';

// Hive strings: single or double quotes, backslash escapes ('\t', '\001', '\'') decoded by the AST builder.
STRING
    : '\'' ( ~['\\] | '\\' . )* '\''
    | '"' ( ~["\\] | '\\' . )* '"'
    ;

INTEGER_VALUE
    : [0-9]+
    ;

IDENTIFIER
    : [a-z0-9_]+
    ;

BACKQUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'
    ;

SIMPLE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

BRACKETED_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WS
    : [ \r\n\t]+ -> channel(HIDDEN)
    ;

// Anything else becomes a token the parser rejects, so the error names it with its position.
UNRECOGNIZED
    : .
    ;
