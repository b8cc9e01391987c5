import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** The processes Lanegate can run as. `gateway` hosts every layer and the sandbox in one process. */
export const LANEGATE_APPS = ['gateway', 'system-api', 'process-api', 'experience-api', 'sandbox'] as const;
export type LanegateApp = (typeof LANEGATE_APPS)[number];

const DEVELOPMENT_JWT_SECRET = 'lanegate-development-secret-do-not-use-in-production';

/** Webhook signing secrets of the development vendors (the sandbox dispatch platform signs with them). */
const DEVELOPMENT_TMS_WEBHOOK_SECRETS =
  'nmfta=whsec_bGFuZWdhdGUtZGV2ZWxvcG1lbnQtbm1mdGEtd2ViaG9vay1zZWNyZXQ=;' +
  'trackline=whsec_bGFuZWdhdGUtZGV2ZWxvcG1lbnQtdHJhY2tsaW5lLXdlYmhvb2stc2VjcmV0;' +
  'x12=whsec_bGFuZWdhdGUtZGV2ZWxvcG1lbnQteDEyLXdlYmhvb2stc2VjcmV0';
// <vendor>=<secret>[,<secret>...] joined by ';'; a secret is whsec_ and the base64 of at least 24 bytes.
const WEBHOOK_SECRET = 'whsec_[A-Za-z0-9+/]{32,}={0,2}';
const VENDOR_SECRETS = `[a-z0-9][a-z0-9-]{0,39}=${WEBHOOK_SECRET}(?:,${WEBHOOK_SECRET})*`;
const TMS_WEBHOOK_SECRETS_FORMAT = new RegExp(`^${VENDOR_SECRETS}(?:;${VENDOR_SECRETS})*$`);

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string' || value === '') {
    return value === '' ? undefined : value;
  }
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) {
    return true;
  }
  if (['false', '0', 'no'].includes(normalised)) {
    return false;
  }

  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

/**
 * Environment variables Lanegate reads. Every one is listed with its default in `.env.example`;
 * this class is the single place that validates them.
 */
class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false }, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['nats'], require_tld: false }, { message: 'must be a nats:// URL' })
  NATS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false }, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  EVENT_STREAM = 'LANEGATE_EVENTS';

  @Matches(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, { message: 'must be dot-separated lower-case NATS subject tokens' })
  EVENT_SUBJECT_PREFIX = 'lanegate.events';

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (and is required when NODE_ENV=production)' })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'lanegate';

  @IsString()
  JWT_AUDIENCE = 'lanegate';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  JWKS_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.TMS_WEBHOOK_SECRETS !== undefined)
  @Matches(TMS_WEBHOOK_SECRETS_FORMAT, {
    message:
      'must be <vendor>=whsec_<base64>[,whsec_<base64>...] joined by ";" (and is required when NODE_ENV=production)',
  })
  TMS_WEBHOOK_SECRETS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  THROTTLE_TTL_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_TTL_HOURS = 24;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  LOG_PRETTY?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  SYSTEM_API_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  PROCESS_API_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  SANDBOX_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  LAYER_CALL_TIMEOUT_MS = 5000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  ERP_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  ERP_CLIENT_ID = 'lanegate-gateway';

  @IsString()
  @MinLength(1)
  ERP_CLIENT_SECRET = 'sandbox-erp-secret';

  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  ERP_TENANT = 'sandbox';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ERP_QUOTA_PER_SECOND = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ERP_MAX_CONCURRENT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ERP_CACHE_TTL_SECONDS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  ERP_TIMEOUT_MS = 10000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dashes or underscores' })
  ERP_LIMITER_ID_SUFFIX?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  DISPATCH_PLATFORM_URL?: string;

  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  DISPATCH_PLATFORM_API_KEY = 'sandbox-dispatch-api-key';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  DISPATCH_PLATFORM_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 50' })
  @Min(1, { message: 'must be an integer between 1 and 50' })
  @Max(50, { message: 'must be an integer between 1 and 50' })
  BILLING_ATTEMPTS = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  BILLING_RETRY_MAX_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILIATION_UNINVOICED_AFTER_HOURS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILIATION_INTERVAL_MINUTES = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RECONCILIATION_WINDOW_HOURS = 72;

  @Transform((input) => toInt({ value: emptyToUndefined(input) }))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  DEMO_LOADS_PER_MINUTE?: number;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_EVALUATION_INTERVAL_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_POD_MISSING_HOURS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_SLA_INVOICE_POSTED_HOURS = 48;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_DEAD_LETTER_DEPTH = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  ALERT_WEBHOOK_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf(
    (env: EnvironmentVariables) => env.ALERT_WEBHOOK_URL !== undefined || env.ALERT_WEBHOOK_SECRET !== undefined,
  )
  @Matches(new RegExp(`^${WEBHOOK_SECRET}$`), {
    message: 'must be whsec_ and the base64 of at least 24 bytes (and is required when ALERT_WEBHOOK_URL is set)',
  })
  ALERT_WEBHOOK_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  ALERT_WEBHOOK_TIMEOUT_MS = 5000;
}

/** Loads per minute the embedded gateway plays through the sandbox when nothing else is said. */
const DEFAULT_DEMO_LOADS = 4;

/** Validated, typed configuration shared by every layer. */
export interface LanegateConfig {
  readonly app: LanegateApp;
  readonly environment: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly natsUrl?: string;
  readonly redisUrl?: string;
  /** JetStream stream and subject prefix of the event backbone, so deployments sharing a NATS server stay apart. */
  readonly events: { readonly stream: string; readonly subjectPrefix: string };
  readonly auth: {
    readonly jwtSecret: string;
    readonly usesDevelopmentSecret: boolean;
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUrl?: string;
  };
  /** Dispatch vendors posting to the system layer's TMS endpoints. */
  readonly tms: {
    /** Standard Webhooks signing secrets per vendor, newest first; a message signed with any of them is accepted. */
    readonly webhookSecrets: Readonly<Record<string, readonly string[]>>;
    readonly usesDevelopmentSecrets: boolean;
  };
  readonly throttle: { readonly limit: number; readonly ttlSeconds: number };
  readonly idempotencyTtlHours: number;
  readonly log: { readonly level: string; readonly pretty: boolean };
  readonly layerUrls: { readonly system: string; readonly process: string; readonly sandbox: string };
  readonly layerCallTimeoutMs: number;
  /** Demonstration traffic of the embedded gateway: new loads played by the sandbox per minute, 0 for none. */
  readonly demo: { readonly loadsPerMinute: number };
  readonly erp: {
    readonly baseUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** The ERP tenant (company, environment) whose quota the limiter shares across replicas. */
    readonly tenant: string;
    /** Requests the ERP admits per second for this tenant. */
    readonly quotaPerSecond: number;
    /** Calls to the ERP in flight at once, across all replicas when Redis is configured. */
    readonly maxConcurrent: number;
    /** How long customers, contracts and the fuel table are served from the cache; 0 turns the cache off. */
    readonly cacheTtlSeconds: number;
    /** Timeout of one ERP call, queueing excluded. */
    readonly timeoutMs: number;
    /** Appended to the shared limiter's id so that a test run never inherits an earlier run's state in Redis. */
    readonly limiterIdSuffix: string;
  };
  /** The process layer's billing workflow and its reconciliation with the ERP. */
  readonly billing: {
    /** Attempts of one assessment before it becomes a dead letter. */
    readonly attempts: number;
    /** Longest pause between two attempts. */
    readonly retryMaxMs: number;
    /** A delivered shipment without a posted invoice this long after delivery is a discrepancy. */
    readonly uninvoicedAfterHours: number;
    /** Minutes between scheduled reconciliations; 0 runs none. */
    readonly reconciliationIntervalMinutes: number;
    /** How far back a scheduled reconciliation looks. */
    readonly reconciliationWindowHours: number;
  };
  /** The process layer's alert policies, their thresholds and the webhook that hears of each alert. */
  readonly alerts: {
    /** Seconds between scheduled evaluations; 0 evaluates on demand only. */
    readonly evaluationIntervalSeconds: number;
    /** A delivered shipment without proof of delivery this long after delivery is an alert. */
    readonly podMissingHours: number;
    /** A delivered shipment without a posted invoice this long after delivery breaches the billing SLA. */
    readonly slaInvoicePostedHours: number;
    /** More open dead letters than this is an alert. */
    readonly deadLetterDepth: number;
    /** Where alert notifications go, signed with the Standard Webhooks scheme; absent, none are sent. */
    readonly webhook?: { readonly url: string; readonly secret: string; readonly timeoutMs: number };
  };
  /** The dispatch platform the system layer tenders loads to. */
  readonly dispatch: {
    readonly baseUrl: string;
    /** Lanegate's API key at the platform, sent as `X-Api-Key`; the sandbox platform accepts exactly this key. */
    readonly apiKey: string;
    /** Timeout of one call to the platform. */
    readonly timeoutMs: number;
  };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Which layer URLs a process must be told when it does not host that layer itself. */
const REQUIRED_LAYER_URLS: Record<LanegateApp, (keyof EnvironmentVariables)[]> = {
  gateway: [],
  sandbox: [],
  'system-api': ['ERP_BASE_URL'],
  'process-api': ['SYSTEM_API_URL'],
  'experience-api': ['PROCESS_API_URL'],
};

/**
 * Validates the environment and returns typed configuration, or throws a {@link ConfigurationError}
 * whose message names every variable that is wrong and why.
 */
export function loadConfig(app: LanegateApp, env: NodeJS.ProcessEnv = process.env): LanegateConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const variables = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const problems = validateSync(variables, { forbidUnknownValues: false }).map((error) => {
    const given = JSON.stringify(error.value);
    const reasons = [...new Set(Object.values(error.constraints ?? {}))].join('; ');

    return `${error.property} ${reasons} (got ${given})`;
  });

  for (const name of REQUIRED_LAYER_URLS[app]) {
    if (variables[name] === undefined) {
      problems.push(`${name} is required when running ${app} on its own`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigurationError(problems);
  }

  const self = `http://127.0.0.1:${variables.PORT}`;

  return {
    app,
    environment: variables.NODE_ENV as LanegateConfig['environment'],
    port: variables.PORT,
    host: variables.HOST,
    dataDir: variables.DATA_DIR,
    databaseUrl: variables.DATABASE_URL,
    natsUrl: variables.NATS_URL,
    redisUrl: variables.REDIS_URL,
    events: { stream: variables.EVENT_STREAM, subjectPrefix: variables.EVENT_SUBJECT_PREFIX },
    auth: {
      jwtSecret: variables.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      usesDevelopmentSecret: variables.JWT_SECRET === undefined,
      issuer: variables.JWT_ISSUER,
      audience: variables.JWT_AUDIENCE,
      jwksUrl: variables.JWKS_URL,
    },
    tms: {
      webhookSecrets: vendorSecrets(variables.TMS_WEBHOOK_SECRETS ?? DEVELOPMENT_TMS_WEBHOOK_SECRETS),
      usesDevelopmentSecrets: variables.TMS_WEBHOOK_SECRETS === undefined,
    },
    throttle: { limit: variables.THROTTLE_LIMIT, ttlSeconds: variables.THROTTLE_TTL_SECONDS },
    idempotencyTtlHours: variables.IDEMPOTENCY_TTL_HOURS,
    log: { level: variables.LOG_LEVEL, pretty: variables.LOG_PRETTY ?? variables.NODE_ENV === 'development' },
    layerUrls: {
      system: variables.SYSTEM_API_URL ?? self,
      process: variables.PROCESS_API_URL ?? self,
      sandbox: variables.SANDBOX_URL ?? self,
    },
    layerCallTimeoutMs: variables.LAYER_CALL_TIMEOUT_MS,
    demo: {
      loadsPerMinute:
        variables.DEMO_LOADS_PER_MINUTE ??
        (app === 'gateway' && variables.NODE_ENV !== 'test' ? DEFAULT_DEMO_LOADS : 0),
    },
    erp: {
      baseUrl: variables.ERP_BASE_URL ?? `${variables.SANDBOX_URL ?? self}/sandbox/erp`,
      clientId: variables.ERP_CLIENT_ID,
      clientSecret: variables.ERP_CLIENT_SECRET,
      tenant: variables.ERP_TENANT,
      quotaPerSecond: variables.ERP_QUOTA_PER_SECOND,
      maxConcurrent: variables.ERP_MAX_CONCURRENT,
      cacheTtlSeconds: variables.ERP_CACHE_TTL_SECONDS,
      timeoutMs: variables.ERP_TIMEOUT_MS,
      limiterIdSuffix: variables.ERP_LIMITER_ID_SUFFIX ?? '',
    },
    billing: {
      attempts: variables.BILLING_ATTEMPTS,
      retryMaxMs: variables.BILLING_RETRY_MAX_SECONDS * 1_000,
      uninvoicedAfterHours: variables.RECONCILIATION_UNINVOICED_AFTER_HOURS,
      reconciliationIntervalMinutes: variables.RECONCILIATION_INTERVAL_MINUTES,
      reconciliationWindowHours: variables.RECONCILIATION_WINDOW_HOURS,
    },
    alerts: {
      evaluationIntervalSeconds: variables.ALERT_EVALUATION_INTERVAL_SECONDS,
      podMissingHours: variables.ALERT_POD_MISSING_HOURS,
      slaInvoicePostedHours: variables.ALERT_SLA_INVOICE_POSTED_HOURS,
      deadLetterDepth: variables.ALERT_DEAD_LETTER_DEPTH,
      webhook:
        variables.ALERT_WEBHOOK_URL === undefined
          ? undefined
          : {
              url: variables.ALERT_WEBHOOK_URL,
              secret: variables.ALERT_WEBHOOK_SECRET ?? '',
              timeoutMs: variables.ALERT_WEBHOOK_TIMEOUT_MS,
            },
    },
    dispatch: {
      baseUrl: variables.DISPATCH_PLATFORM_URL ?? `${variables.SANDBOX_URL ?? self}/sandbox/dispatch`,
      apiKey: variables.DISPATCH_PLATFORM_API_KEY,
      timeoutMs: variables.DISPATCH_PLATFORM_TIMEOUT_MS,
    },
  };
}

/** `nmfta=whsec_a;trackline=whsec_b,whsec_c` as `{ nmfta: ['whsec_a'], trackline: ['whsec_b', 'whsec_c'] }`. */
function vendorSecrets(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value.split(';').map((entry) => {
      // The first '=' ends the vendor; base64 padding may add more.
      const separator = entry.indexOf('=');

      return [entry.slice(0, separator), entry.slice(separator + 1).split(',')];
    }),
  );
}

/** Dependency-injection token for {@link LanegateConfig}. */
export const LANEGATE_CONFIG = Symbol('LANEGATE_CONFIG');
