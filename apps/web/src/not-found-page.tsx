import { Link } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation('notFound');
  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('title')}</h1>
      <p>
        <Trans t={t} i18nKey="body" components={{ home: <Link to="/" /> }} />
      </p>
    </div>
  );
}
