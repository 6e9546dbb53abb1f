/**
 * The messages of the CRM Zen "Totais de Distribuição de Leads por usuários" v1.0 spec, word for
 * word: clients match on them, so a changed accent or quote is a changed API.
 */
export const API_MESSAGES: {
  readonly methodNotAllowed: string;
  readonly tokenMissing: string;
  readonly tokenInvalid: string;
  readonly tokenDisabled: string;
  readonly accessUnauthorized: string;
  readonly dateMissing: string;
  readonly dateInvalid: string;
  readonly serverError: string;
} = {
  methodNotAllowed: 'O método utilizado não é permitido para este recurso',
  tokenMissing: 'Token não informado',
  tokenInvalid: 'Token inválido',
  tokenDisabled: 'Token desabilitado',
  accessUnauthorized: 'Acesso não autorizado',
  dateMissing: 'O parâmetro "data" é necessário',
  dateInvalid: 'Data inexistente ou em formato inválido',
  serverError: 'Ocorreu um erro interno do servidor. Por favor, tente novamente.',
};

/**
 * The 429 message. Both times are São Paulo wall-clock times written as PHP's `Y-m-d H:i:s`.
 */
export function rateLimitMessage(lastRequest: string, nextAvailable: string): string {
  return (
    'Você excedeu o número de requisições. ' +
    `Sua última requisição foi em "${lastRequest}". ` +
    `Sua próxima requisição estará disponível em "${nextAvailable}"`
  );
}
